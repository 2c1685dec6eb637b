-- Rule: Clear Log Activities
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_defense_evasion, T1070, NIST_800-53_AU-10
-- Purpose: A log file was opened for writing with O_TRUNC, wiping its contents: covering tracks.
SELECT 'Clear Log Activities' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_defense_evasion,T1070,NIST_800-53_AU-10' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.syscall IN ('open', 'openat', 'openat2') AND f.status = 'succeeded'
  -- Falco's open_write: an open for writing (O_WRONLY/O_RDWR, or one that created the file) of a regular file
  -- (O_DIRECTORY is octal 0200000); the creat() syscall is another event type in Falco and is not included.
  AND (f.operation = 'creat' OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))
  AND coalesce(substr(f.flags, -6, 1), '0') NOT IN ('2', '3', '6', '7')
  -- flags is octal text: O_TRUNC (01000) is set when the 4th digit from the right is odd.
  AND substr(f.flags, -4, 1) IN ('1', '3', '5', '7')
  -- Falco's access_log_files: a file directly in /var/log or /dev/log, or a log file name anywhere.
  AND (f.directory IN ('/var/log', '/dev/log')
       OR f.filename IN
          ('syslog', 'auth.log', 'secure', 'kern.log', 'cron', 'user.log', 'dpkg.log', 'last.log', 'yum.log', 'access_log',
           'mysql.log', 'mysqld.log'))
  AND coalesce(f.name, '') <> 'containerd';
