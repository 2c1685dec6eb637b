-- Rule: Fileless execution via memfd_create
-- Source: falco_rules.yaml (stable)
-- Priority: CRITICAL
-- Tags: host, container, process, mitre_defense_evasion, T1620
-- Purpose: A program was executed from an anonymous memory file (memfd), leaving no file on disk to inspect.
SELECT 'Fileless execution via memfd_create' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_defense_evasion,T1620' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND path LIKE '/memfd:%'
  AND path NOT LIKE '/memfd:runc_cloned%';
