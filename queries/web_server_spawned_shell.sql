-- Rule: Web Server Spawned Shell
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, mitre_persistence, mitre_execution, T1505.003
-- Purpose: A shell was started below a web server or PHP/Python application server (Falco checks the parent and the 2nd and 3rd ancestors; FarQuery's ancestors column holds up to 5): a web shell or exploited request handler.
SELECT 'Web Server Spawned Shell' AS rule, 'CRITICAL' AS priority, 'container,process,mitre_persistence,mitre_execution,T1505.003' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash')
  AND (' ' || ancestors || ' ' LIKE '% nginx %' OR ' ' || ancestors || ' ' LIKE '% httpd %' OR ' ' || ancestors || ' ' LIKE '% httpd-foregroun %' OR ' ' || ancestors || ' ' LIKE '% lighttpd %' OR ' ' || ancestors || ' ' LIKE '% apache %' OR ' ' || ancestors || ' ' LIKE '% apache2 %' OR ' ' || ancestors || ' ' LIKE '% php-fpm %' OR ' ' || ancestors || ' ' LIKE '% php %' OR ' ' || ancestors || ' ' LIKE '% php-cgi %' OR ' ' || ancestors || ' ' LIKE '% php7 %' OR ' ' || ancestors || ' ' LIKE '% php8 %' OR ' ' || ancestors || ' ' LIKE '% gunicorn %' OR ' ' || ancestors || ' ' LIKE '% uwsgi %')
  AND cmdline NOT LIKE 'sh -c /usr/bin%'
  AND cmdline NOT LIKE '%healthcheck%';
