-- Rule: Read environment variable from /proc files
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: WARNING
-- Tags: container, filesystem, process, mitre_discovery, T1083
-- Purpose: A process read another process's (or its own) environment from /proc/*/environ, where secrets and task credentials live; detected by default for the environ of every traced process and of the agent (inotify, docs/tracer.md §5), no option needed.
SELECT 'Read environment variable from /proc files' AS rule,
       'WARNING' AS priority, 'container,filesystem,process,mitre_discovery,T1083' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'open' AND f.status = 'succeeded'
  AND substr(f.flags, -1, 1) IN ('0', '2', '4', '6')
  AND f.path LIKE '/proc/%/environ'
  AND coalesce(f.name, '') NOT IN ('scsi_id', 'argoexec');
