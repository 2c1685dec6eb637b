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
  -- Falco's exclusions: container runtimes, network plugins and monitoring agents (nsenter is not one of them).
  AND coalesce(name, '') NOT IN ('<NA>', 'N/A', 'setup-backend', 'dragent', 'sdchecks', 'sysdig', 'calico', 'oci-umount',
                                  'cilium-cni', 'aws-cni', 'azure-vnet', 'crio', 'multus')
  AND coalesce(name, '') NOT LIKE 'runc%'
  AND coalesce(cmdline, '') NOT LIKE 'containerd%'
  AND coalesce(parent_name, '') NOT IN ('setup-backend', 'dragent', 'sdchecks', 'hyperkube', 'kubelet', 'protokube',
                                         'dockerd', 'tini', 'aws')
  AND NOT (split(cmdline, ' ', 0) LIKE '%java' AND cmdline LIKE '%sdjagent.jar%')
  AND NOT (parent_name = 'kubelet' AND name = 'loopback')
  AND NOT (name IN ('agent', 'rancher-bridge', 'calico-node', 'scope')
           AND EXISTS (SELECT 1 FROM ecs_metadata WHERE is_self = 1
                       AND (image LIKE '%rancher/agent%' OR image LIKE '%rancher/network-manager%'
                            OR image LIKE '%calico/node%' OR image LIKE '%weaveworks/scope%')));
