-- Rule: PTRACE anti-debug attempt
-- Source: falco_rules.yaml (stable)
-- Priority: NOTICE
-- Tags: host, container, process, mitre_defense_evasion, T1622
-- Purpose: A process asked to be traced by its parent (PTRACE_TRACEME), a classic anti-debugging trick.
SELECT 'PTRACE anti-debug attempt' AS rule, 'NOTICE' AS priority, 'container,process,mitre_defense_evasion,T1622' AS tags,
       pid, name, path, cmdline, parent, detail, time
FROM process_events
WHERE syscall = 'ptrace' AND detail LIKE '%TRACEME%';
