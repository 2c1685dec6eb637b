-- Rule: Change namespace privileges via unshare
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: container, mitre_privilege_escalation, T1611
-- Purpose: A process called unshare to create new namespaces, e.g. a user namespace to gain capabilities inside it.
SELECT 'Change namespace privileges via unshare' AS rule,
       'NOTICE' AS priority, 'container,mitre_privilege_escalation,T1611' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time, detail, status, result
FROM process_events
WHERE syscall = 'unshare';
