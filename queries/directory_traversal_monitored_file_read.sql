-- Rule: Directory traversal monitored file read
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_credential_access, T1555
-- Purpose: A file below /etc, an .ssh directory, or an id_rsa key was opened through a path climbing with '../' at least twice (an arbitrary file read bug in a web app); failed attempts count; by default the watched sensitive files (shadow, sudoers, PAM, SSH private keys) are covered, the raw path taken from the reader's command line (docs/tracer.md §5); other files below /etc, a traversal inside a long-lived app's own code and failed attempts need every read-only open traced (`farquery run --trace-read-opens`).
SELECT 'Directory traversal monitored file read' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_credential_access,T1555' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.path_raw, f.flags, f.status, f.result, f.time
FROM process_file_events f
-- inotify: the default config's rows of a watched file's read (docs/tracer.md §5), which stand for an open.
WHERE f.syscall IN ('open', 'openat', 'openat2', 'inotify')
  AND coalesce(substr(f.flags, -6, 1), '0') NOT IN ('2', '3', '6', '7')
  -- Falco's open_read or open_file_failed: a successful read-only or read-write open (flags is octal text, access mode in
  -- the last digit), or any failed open.
  AND ((f.operation = 'open' AND f.status = 'succeeded' AND substr(f.flags, -1, 1) IN ('0', '2', '4', '6'))
       OR f.result < 0)
  AND (f.path LIKE '/etc/%' OR f.path GLOB '/home/*/.ssh/*' OR substr(f.path, 1, 10) = '/root/.ssh' OR f.path GLOB '*id_rsa*')
  -- path_raw is the path as the program passed it (Falco's fd.nameraw), before normalisation.
  AND f.path_raw GLOB '*../*../*'
  AND coalesce(f.parent_name, '') NOT IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash');
