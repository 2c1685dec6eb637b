-- Rule: Remove Bulk Data from Disk
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, process, filesystem, mitre_impact, T1485
-- Purpose: A data destruction tool (shred, mkfs, mke2fs) was started.
SELECT 'Remove Bulk Data from Disk' AS rule,
       'WARNING' AS priority, 'container,process,filesystem,mitre_impact,T1485' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('shred', 'mkfs', 'mke2fs');
