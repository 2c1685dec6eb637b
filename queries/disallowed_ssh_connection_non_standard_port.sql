-- Rule: Disallowed SSH Connection Non Standard Port
-- Source: falco_rules.yaml (stable)
-- Priority: NOTICE
-- Tags: host, container, network, process, mitre_execution, T1059
-- Purpose: An ssh client connected to a web, DNS or Kerberos port (80, 8080, 88, 443, 8443, 53, 4444): tunnelling out through a port firewalls leave open.
SELECT 'Disallowed SSH Connection Non Standard Port' AS rule,
       'NOTICE' AS priority, 'container,network,process,mitre_execution,T1059' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors,
       action, syscall, family, protocol, remote_address, remote_port, local_address, local_port, status, time
FROM socket_events
WHERE action = 'connect' AND status IN ('succeeded', 'in_progress') AND family IN (2, 10)
  AND protocol = 6
  -- Falco's proc.exe is argv[0] as the program was started.
  AND split(cmdline, ' ', 0) LIKE '%ssh'
  AND remote_port IN (80, 8080, 88, 443, 8443, 53, 4444)
  -- Falco's outbound: neither end unspecified or loopback, and the remote end outside the RFC 1918 networks.
  AND local_address <> '0.0.0.0' AND remote_address <> '0.0.0.0'
  AND local_address NOT LIKE '127.%' AND remote_address NOT LIKE '127.%'
  AND remote_address NOT LIKE '10.%' AND remote_address NOT LIKE '192.168.%'
  AND NOT (remote_address LIKE '172.%' AND instr(remote_address, ':') = 0
           AND CAST(substr(remote_address, 5) AS INTEGER) BETWEEN 16 AND 31);
