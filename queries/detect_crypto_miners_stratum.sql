-- Rule: Detect crypto miners using the Stratum protocol
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, mitre_impact, T1496
-- Purpose: A program was started with a Stratum mining pool URL on its command line.
SELECT 'Detect crypto miners using the Stratum protocol' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_impact,T1496' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND (cmdline LIKE '%stratum+tcp%' OR cmdline LIKE '%stratum2+tcp%' OR cmdline LIKE '%stratum+ssl%' OR cmdline LIKE '%stratum2+ssl%');
