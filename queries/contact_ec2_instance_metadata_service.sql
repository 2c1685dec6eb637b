-- Rule: Contact EC2 Instance Metadata Service From Container
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: network, aws, container, mitre_credential_access, T1552.005
-- Purpose: A process connected to the EC2 instance metadata service (169.254.169.254), where instance role credentials can be stolen.
SELECT 'Contact EC2 Instance Metadata Service From Container' AS rule,
       'NOTICE' AS priority, 'network,aws,container,mitre_credential_access,T1552.005' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors,
       action, syscall, family, protocol, remote_address, remote_port, local_address, local_port, status, time
FROM socket_events
WHERE action = 'connect' AND status IN ('succeeded', 'in_progress') AND family IN (2, 10)
  AND remote_address = '169.254.169.254';
