-- Rule: Reverse Shell from Web Server
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, network, mitre_execution, T1059
-- Purpose: A program below a web server was started with a classic reverse-shell command line (/dev/tcp, nc -e, bash -i, python/perl/ruby socket one-liners, mkfifo in /tmp).
WITH web_server_binaries(name) AS (VALUES
    ('nginx'), ('httpd'), ('httpd-foregroun'), ('lighttpd'), ('apache'), ('apache2'), ('php-fpm'), ('php'),
    ('php-cgi'), ('php7'), ('php8'), ('gunicorn'), ('uwsgi'))
SELECT 'Reverse Shell from Web Server' AS rule,
       'CRITICAL' AS priority, 'container,process,network,mitre_execution,T1059' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND EXISTS (SELECT 1 FROM web_server_binaries l WHERE instr(' ' || ancestors || ' ', ' ' || l.name || ' ') > 0)
  AND (cmdline LIKE '%/dev/tcp/%' OR cmdline LIKE '%/dev/udp/%' OR cmdline LIKE '%nc -e%' OR cmdline LIKE '%ncat -e%'
       OR cmdline LIKE '%bash -i%' OR cmdline LIKE '%sh -i%'
       OR (name IN ('python', 'python2', 'python3') AND cmdline LIKE '%import socket%')
       OR (name = 'perl' AND cmdline LIKE '%use Socket%')
       OR (name = 'ruby' AND cmdline LIKE '%rsocket%')
       OR (cmdline LIKE '%mkfifo%' AND cmdline LIKE '%/tmp/%'));
