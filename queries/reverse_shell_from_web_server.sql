-- Rule: Reverse Shell from Web Server
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, network, mitre_execution, T1059
-- Purpose: A program below a web server was started with a classic reverse-shell command line (/dev/tcp, nc -e, bash -i, python/perl/ruby socket one-liners, mkfifo in /tmp).
SELECT 'Reverse Shell from Web Server' AS rule, 'CRITICAL' AS priority, 'container,process,network,mitre_execution,T1059' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND (' ' || ancestors || ' ' LIKE '% nginx %' OR ' ' || ancestors || ' ' LIKE '% httpd %' OR ' ' || ancestors || ' ' LIKE '% httpd-foregroun %' OR ' ' || ancestors || ' ' LIKE '% lighttpd %' OR ' ' || ancestors || ' ' LIKE '% apache %' OR ' ' || ancestors || ' ' LIKE '% apache2 %' OR ' ' || ancestors || ' ' LIKE '% php-fpm %' OR ' ' || ancestors || ' ' LIKE '% php %' OR ' ' || ancestors || ' ' LIKE '% php-cgi %' OR ' ' || ancestors || ' ' LIKE '% php7 %' OR ' ' || ancestors || ' ' LIKE '% php8 %' OR ' ' || ancestors || ' ' LIKE '% gunicorn %' OR ' ' || ancestors || ' ' LIKE '% uwsgi %')
  AND (cmdline LIKE '%/dev/tcp/%' OR cmdline LIKE '%/dev/udp/%' OR cmdline LIKE '%nc -e%' OR cmdline LIKE '%ncat -e%'
       OR cmdline LIKE '%bash -i%' OR cmdline LIKE '%sh -i%'
       OR (name IN ('python', 'python2', 'python3') AND cmdline LIKE '%import socket%')
       OR (name = 'perl' AND cmdline LIKE '%use Socket%')
       OR (name = 'ruby' AND cmdline LIKE '%rsocket%')
       OR (cmdline LIKE '%mkfifo%' AND cmdline LIKE '%/tmp/%'));
