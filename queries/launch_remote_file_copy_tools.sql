-- Rule: Launch Remote File Copy Tools in Container
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: container, network, process, mitre_exfiltration, T1020
-- Purpose: A remote file copy tool (rsync, scp, sftp, dcp) was started: data may be leaving the container.
SELECT 'Launch Remote File Copy Tools in Container' AS rule,
       'NOTICE' AS priority, 'container,network,process,mitre_exfiltration,T1020' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('rsync', 'scp', 'sftp', 'dcp');
