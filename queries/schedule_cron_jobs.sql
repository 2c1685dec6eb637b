-- Rule: Schedule Cron Jobs
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, filesystem, mitre_execution, T1053.003
-- Purpose: crontab was run, or a file below /etc/cron* was written: persistence through scheduled jobs.
SELECT 'Schedule Cron Jobs' AS rule,
       'NOTICE' AS priority, 'container,filesystem,mitre_execution,T1053.003' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time, NULL AS file_path
FROM process_events
WHERE syscall IN ('execve', 'execveat') AND name = 'crontab'
UNION ALL
SELECT 'Schedule Cron Jobs' AS rule,
       'NOTICE' AS priority, 'container,filesystem,mitre_execution,T1053.003' AS tags,
       f.pid, f.name, f.executable, f.cmdline, f.ppid, f.parent_name, f.parent_cmdline, f.ancestors, f.cwd, NULL, f.time, f.path
FROM process_file_events f
WHERE f.syscall IN ('open', 'openat', 'openat2') AND f.status = 'succeeded'
  -- Falco's open_write: an open for writing (O_WRONLY/O_RDWR, or one that created the file) of a regular file
  -- (O_DIRECTORY is octal 0200000); the creat() syscall is another event type in Falco and is not included.
  AND (f.operation = 'creat' OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))
  AND coalesce(substr(f.flags, -6, 1), '0') NOT IN ('2', '3', '6', '7')
  AND substr(f.path, 1, 9) = '/etc/cron';
