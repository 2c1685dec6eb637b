-- Rule: Sudo Potential Privilege Escalation
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, filesystem, users, mitre_privilege_escalation, T1548.003
-- Purpose: sudo or sudoedit was run in shell mode (-s, -i, --login) with an argument ending in a backslash, the Baron Samedit heap overflow (CVE-2021-3156).
SELECT 'Sudo Potential Privilege Escalation' AS rule,
       'CRITICAL' AS priority, 'container,filesystem,users,mitre_privilege_escalation,T1548.003' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, auid, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  -- auid is Falco's user.loginuid; in a container it is usually unset (NULL or 4294967295), which is not root.
  AND coalesce(auid, -1) <> 0
  AND name IN ('sudo', 'sudoedit')
  -- Falco: proc.args contains, which is case-sensitive (instr on the arguments after argv[0], not LIKE).
  AND (instr(substr(cmdline, instr(cmdline, ' ') + 1), '-s') > 0 OR instr(substr(cmdline, instr(cmdline, ' ') + 1), '-i') > 0
       OR instr(substr(cmdline, instr(cmdline, ' ') + 1), '--login') > 0)
  AND instr(cmdline, ' ') > 0
  AND (instr(substr(cmdline, instr(cmdline, ' ') + 1), '\ ') > 0 OR substr(cmdline, -1) = '\');
