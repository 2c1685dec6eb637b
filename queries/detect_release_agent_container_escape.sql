-- Rule: Detect release_agent File Container Escapes
-- Source: falco_rules.yaml (stable)
-- Priority: CRITICAL
-- Tags: container, process, mitre_privilege_escalation, T1611
-- Purpose: Root opened a cgroup v1 release_agent file for writing, the classic escape that makes the host run a program. Falco also requires CAP_SYS_ADMIN, which the tracer does not record: any root write-open counts here (Fargate grants no CAP_SYS_ADMIN, so only an attempt is possible).
SELECT 'Detect release_agent File Container Escapes' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_privilege_escalation,T1611' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.flags, f.status, f.euid, f.time
FROM process_file_events f
WHERE f.operation IN ('open', 'creat')
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))
  AND f.path LIKE '%release_agent'
  AND (CAST(f.euid AS INTEGER) = 0 OR CAST(f.fsuid AS INTEGER) = 0);
