-- Rule: Set Setuid or Setgid bit
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, process, users, mitre_privilege_escalation, T1548.001
-- Purpose: chmod set the setuid or setgid bit on a file: a planted privilege-escalation helper.
SELECT 'Set Setuid or Setgid bit' AS rule,
       'NOTICE' AS priority, 'container,process,users,mitre_privilege_escalation,T1548.001' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'chmod'
  -- mode is octal text: S_ISUID (04000) or S_ISGID (02000) means a 4th digit from the right of 2 to 7.
  AND substr(f.mode, -4, 1) IN ('2', '3', '4', '5', '6', '7')
  AND coalesce(f.name, '') NOT IN ('hyperkube', 'kubelet', 'k3s-agent');
