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
WHERE f.operation IN ('open', 'creat') AND f.status = 'succeeded'
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))
  -- flags is octal text: O_TRUNC (01000) is set when the 4th digit from the right is odd.
  AND substr(f.flags, -4, 1) IN ('1', '3', '5', '7')
  AND (f.path LIKE '/var/log/%' OR f.path LIKE '/dev/log/%'
       OR replace(f.path, rtrim(f.path, replace(f.path, '/', '')), '') IN
          ('syslog', 'auth.log', 'secure', 'kern.log', 'cron', 'user.log', 'dpkg.log', 'last.log', 'yum.log', 'access_log',
           'mysql.log', 'mysqld.log'));
