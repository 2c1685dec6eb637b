-- Rule: Read ssh information
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_collection, T1005
-- Purpose: A file or directory in /root/.ssh or /home/*/.ssh (keys, known_hosts, authorized_keys) was read by a program other than the ssh tools; SSH private keys (id_*) are detected by default (inotify, docs/tracer.md §5); reads of the other files (known_hosts, authorized_keys, public keys) need every read-only open traced (`farquery run --trace-read-opens`).
SELECT 'Read ssh information' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_collection,T1005' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.flags, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'open' AND f.status = 'succeeded'
  AND substr(f.flags, -1, 1) IN ('0', '2', '4', '6')
  AND (f.path GLOB '/home/*/.ssh/*' OR substr(f.path, 1, 10) = '/root/.ssh')
  AND coalesce(f.name, '') NOT IN ('sshd', 'sftp-server', 'ssh-agent', 'ssh', 'scp', 'sftp', 'ssh-keygen', 'ssh-keysign',
                                   'ssh-keyscan', 'ssh-add');
