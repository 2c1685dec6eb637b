-- Rule: Detect outbound connections to common miner pool ports
-- Source: falco-sandbox_rules.yaml (sandbox) (IP and port variant)
-- Priority: CRITICAL
-- Tags: host, container, network, mitre_impact, T1496
-- Purpose: A connection to a public address on a port mining pools use (3333, 5555, 7777, 14444, 45700, ...); Falco also needs the pool's DNS name, this variant keys on the port alone.
SELECT 'Detect outbound connections to common miner pool ports' AS rule,
       'CRITICAL' AS priority, 'container,network,mitre_impact,T1496' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors,
       action, syscall, family, protocol, remote_address, remote_port, local_address, local_port, status, time
FROM socket_events
WHERE action = 'connect' AND status IN ('succeeded', 'in_progress') AND family IN (2, 10)
  AND remote_port IN (3333, 3334, 3335, 3336, 3357, 5555, 5556, 5588, 5730, 6099, 6666, 7777, 7778, 8333, 8888, 8899,
                      9332, 9999, 14433, 14444, 45560, 45700)
  AND remote_address NOT LIKE '127.%' AND remote_address NOT LIKE '10.%' AND remote_address NOT LIKE '192.168.%'
  AND remote_address NOT LIKE '172.1_.%' AND remote_address NOT LIKE '172.2_.%' AND remote_address NOT LIKE '172.3_.%'
  AND remote_address NOT IN ('0.0.0.0', '::1', '::');
