-- Rule: Write below root
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_persistence, TA0003
-- Purpose: A file directly in / or anywhere below /root was opened for writing or created (other than root's usual history and tool state files).
SELECT 'Write below root' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_persistence,TA0003' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation IN ('open', 'creat') AND f.status = 'succeeded'
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))
  AND ((f.path LIKE '/%' AND f.path NOT LIKE '/%/%') OR f.path LIKE '/root/%')
  AND f.path NOT IN ('/root/.monit.state', '/root/.auth_tokens', '/root/.bash_history', '/root/.ash_history', '/root/.aws/credentials',
                     '/root/.viminfo.tmp', '/root/.lesshst', '/root/.bzr.log', '/root/.gitconfig.lock', '/root/.babel.json',
                     '/root/.localstack', '/root/.node_repl_history', '/root/.mongorc.js', '/root/.dbshell', '/root/.augeas/history',
                     '/root/.rnd', '/root/.wget-hsts', '/health', '/exec.fifo')
  AND f.path NOT LIKE '/root/.ssh/%' AND f.path NOT LIKE '/root/.npm/%' AND f.path NOT LIKE '/root/.m2/%'
  AND f.path NOT LIKE '/root/.cache/%' AND f.path NOT LIKE '/root/.gradle/%' AND f.path NOT LIKE '/root/.config/%'
  AND f.path NOT LIKE '/root/.dotnet/%' AND f.path NOT LIKE '/root/.nuget/%' AND f.path NOT LIKE '/root/.local/%';
