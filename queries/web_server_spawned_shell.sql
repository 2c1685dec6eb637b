-- Rule: Web Server Spawned Shell
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, mitre_persistence, mitre_execution, T1505.003
-- Purpose: A shell was started below a web server or PHP/Python application server (Falco checks the parent and the 2nd and 3rd ancestors; FarQuery's ancestors column holds up to 5): a web shell or exploited request handler.
WITH web_server_binaries(name) AS (VALUES
    ('nginx'), ('httpd'), ('httpd-foregroun'), ('lighttpd'), ('apache'), ('apache2'), ('php-fpm'), ('php'),
    ('php-cgi'), ('php7'), ('php8'), ('gunicorn'), ('uwsgi'))
SELECT 'Web Server Spawned Shell' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_persistence,mitre_execution,T1505.003' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash')
  -- Falco's spawned_by_web_server: the parent, grandparent or great-grandparent is a web server.
  AND (parent_name IN (SELECT name FROM web_server_binaries) OR split(ancestors, ' ', 1) IN (SELECT name FROM web_server_binaries)
       OR split(ancestors, ' ', 2) IN (SELECT name FROM web_server_binaries))
  AND cmdline NOT LIKE 'sh -c /usr/bin%'
  AND cmdline NOT LIKE '%healthcheck%';
