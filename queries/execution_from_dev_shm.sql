-- Rule: Execution from /dev/shm
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, mitre_execution, T1059.004
-- Purpose: A program was executed from /dev/shm, a world-writable memory file system attackers use to stage payloads.
SELECT 'Execution from /dev/shm' AS rule,
       'WARNING' AS priority, 'container,mitre_execution,T1059.004' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND (path LIKE '/dev/shm/%' OR exec_path LIKE '/dev/shm/%'
       OR (cwd LIKE '/dev/shm%' AND exec_path LIKE './%')
       OR (name IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash') AND instr(cmdline, ' ') > 0
           AND (substr(cmdline, instr(cmdline, ' ') + 1) LIKE '-c /dev/shm%'
                OR substr(cmdline, instr(cmdline, ' ') + 1) LIKE '-i /dev/shm%'
                OR substr(cmdline, instr(cmdline, ' ') + 1) LIKE '/dev/shm%')));
