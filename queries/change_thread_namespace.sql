-- Rule: Change thread namespace
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, process, mitre_privilege_escalation, T1611
-- Purpose: A process called setns to join another namespace: a container escape step.
SELECT 'Change thread namespace' AS rule,
       'NOTICE' AS priority, 'container,process,mitre_privilege_escalation,T1611' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time, detail, status, result
FROM process_events
WHERE syscall = 'setns'
  AND coalesce(name, '') NOT IN ('docker', 'dockerd', 'runc', 'containerd-shim', 'sysdig', 'falco', 'nsenter', 'calico', 'oci-umount', 'cilium-cni');
