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
WHERE f.operation IN ('open', 'creat') AND f.status = 'succeeded'
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')) AND f.path LIKE '/etc/cron%';
