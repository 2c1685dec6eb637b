-- Rule: Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, users, mitre_privilege_escalation, TA0004
-- Purpose: pkexec was started without arguments, the PwnKit out-of-bounds write (CVE-2021-4034) that turns an empty argv into root.
SELECT 'Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)' AS rule,
       'CRITICAL' AS priority, 'container,process,users,mitre_privilege_escalation,TA0004' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, auid, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND coalesce(auid, -1) <> 0
  AND name = 'pkexec'
  -- Falco's proc.args = '': nothing after argv[0] (PwnKit passes an empty argv, so cmdline is empty or NULL too).
  AND instr(trim(coalesce(cmdline, '')), ' ') = 0;
