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
  -- Falco's spawned_by_web_server: the parent, grandparent or great-grandparent is a web server.
  AND (parent_name IN (SELECT name FROM web_server_binaries) OR split(ancestors, ' ', 1) IN (SELECT name FROM web_server_binaries)
       OR split(ancestors, ' ', 2) IN (SELECT name FROM web_server_binaries))
  -- Falco's proc.cmdline contains, which is case-sensitive (instr, not LIKE).
  AND (instr(cmdline, '/dev/tcp/') > 0 OR instr(cmdline, 'nc -e') > 0 OR instr(cmdline, 'ncat -e') > 0
       OR instr(cmdline, 'bash -i') > 0 OR instr(cmdline, 'python -c ''import socket') > 0
       OR instr(cmdline, 'python3 -c ''import socket') > 0 OR instr(cmdline, 'perl -e ''use Socket') > 0
       OR instr(cmdline, 'ruby -rsocket') > 0 OR (instr(cmdline, 'mkfifo') > 0 AND instr(cmdline, '/tmp') > 0));
