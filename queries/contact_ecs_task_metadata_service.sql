-- Rule: Contact ECS task credentials endpoint from unexpected process
-- Source: FarQuery variant of Contact EC2 Instance Metadata Service From Container (incubating)
-- Priority: NOTICE
-- Tags: network, aws, container, mitre_credential_access, T1552.005
-- Purpose: A process other than an AWS SDK runtime connected to the ECS task metadata and credentials endpoint (169.254.170.2), which hands out the task role's credentials on Fargate.
SELECT 'Contact ECS task credentials endpoint from unexpected process' AS rule,
       'NOTICE' AS priority, 'network,aws,container,mitre_credential_access,T1552.005' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors,
       action, syscall, family, protocol, remote_address, remote_port, local_address, local_port, status, time
FROM socket_events
WHERE action = 'connect' AND status IN ('succeeded', 'in_progress') AND family IN (2, 10)
  AND remote_address = '169.254.170.2'
  AND coalesce(name, '') NOT IN ('java', 'node', 'python', 'python3', 'dotnet', 'aws', 'ruby', 'php', 'php-fpm', 'farquery', 'farqueryd')
  AND coalesce(path, '') NOT LIKE '%/java'
  AND coalesce(path, '') NOT LIKE '%/node'
  AND coalesce(path, '') NOT LIKE '%/python3%'
  AND coalesce(path, '') NOT LIKE '%/dotnet';
