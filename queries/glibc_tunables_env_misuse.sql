-- Rule: Potential Local Privilege Escalation via Environment Variables Misuse
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, users, mitre_privilege_escalation, TA0004
-- Purpose: A program was started with GLIBC_TUNABLES in its environment (CVE-2023-4911 'Looney Tunables'); needs environments captured (`farquery run --capture-env` or the config option `capture_env`).
SELECT 'Potential Local Privilege Escalation via Environment Variables Misuse' AS rule,
       'NOTICE' AS priority, 'container,users,mitre_privilege_escalation,TA0004' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  -- Falco: proc.env icontains GLIBC_TUNABLES (LIKE is case-insensitive for ASCII).
  AND env LIKE '%GLIBC_TUNABLES%';
