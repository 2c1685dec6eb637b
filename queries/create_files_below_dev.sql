-- Rule: Create files below dev
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: ERROR
-- Tags: host, filesystem, mitre_persistence, T1543
-- Purpose: A regular file was created directly in /dev, where malware hides files among device nodes.
SELECT 'Create files below dev' AS rule,
       'ERROR' AS priority, 'filesystem,mitre_persistence,T1543' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation IN ('open', 'creat')
  AND (f.operation = 'creat' OR substr(f.flags, -3, 1) IN ('1', '3', '5', '7'))
  AND f.path LIKE '/dev/%' AND f.path NOT LIKE '/dev/%/%'
  AND f.path NOT IN ('/dev/null', '/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/random', '/dev/urandom', '/dev/console', '/dev/kmsg', '/dev/ptmx')
  AND f.path NOT LIKE '/dev/tty%' AND f.path NOT LIKE '/dev/pts%' AND f.path NOT LIKE '/dev/fd%';
