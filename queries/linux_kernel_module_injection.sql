-- Rule: Linux Kernel Module Injection Detected
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, process, mitre_persistence, TA0003
-- Purpose: A process tried to load a kernel module (init_module, finit_module): a rootkit or a container escape attempt.
SELECT 'Linux Kernel Module Injection Detected' AS rule,
       'WARNING' AS priority, 'container,process,mitre_persistence,TA0003' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time, syscall, detail, status, result
FROM process_events
WHERE syscall IN ('init_module', 'finit_module');
