-- Rule: Execution from /dev/shm
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, mitre_execution, T1059.004
-- Purpose: A program was executed from /dev/shm, a world-writable memory file system attackers use to stage payloads.
SELECT 'Execution from /dev/shm' AS rule, 'WARNING' AS priority, 'container,mitre_execution,T1059.004' AS tags,
       pid, name, path, cmdline, cwd, parent, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND (path LIKE '/dev/shm/%' OR exec_path LIKE '/dev/shm/%' OR cmdline LIKE '% /dev/shm/%'
       OR (cwd LIKE '/dev/shm%' AND exec_path LIKE './%'));
