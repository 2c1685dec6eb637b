-- Rule: Unexpected UDP Traffic
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, network, mitre_exfiltration, TA0011
-- Purpose: A UDP socket was connected to a port other than DNS, NTP, statsd, OpenVPN or L2TP: possible exfiltration or command and control over UDP.
SELECT 'Unexpected UDP Traffic' AS rule,
       'NOTICE' AS priority, 'container,network,mitre_exfiltration,TA0011' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors,
       action, syscall, family, protocol, remote_address, remote_port, local_address, local_port, status, time
FROM socket_events
WHERE action IN ('connect', 'listen', 'accept')
  AND status IN ('succeeded', 'in_progress')
  AND family IN (2, 10)
  AND protocol = 17
  -- Falco's inbound_outbound: neither end unspecified or loopback.
  AND local_address <> '0.0.0.0' AND remote_address <> '0.0.0.0'
  AND local_address NOT LIKE '127.%' AND remote_address NOT LIKE '127.%'
  -- Falco's expected_udp_traffic: either port is a known UDP service (DNS, OpenVPN, statsd, IPsec, L2TP, NTP, ...).
  AND local_port NOT IN (53, 1194, 1197, 1198, 8080, 9201, 500, 1701, 4500, 10000, 8125, 123, 0, 9, 80, 3306)
  AND remote_port NOT IN (53, 1194, 1197, 1198, 8080, 9201, 500, 1701, 4500, 10000, 8125, 123, 0, 9, 80, 3306);
