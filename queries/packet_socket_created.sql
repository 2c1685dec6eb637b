-- Rule: Packet socket created in container
-- Source: falco_rules.yaml (stable)
-- Priority: NOTICE
-- Tags: container, network, mitre_credential_access, T1557.002
-- Purpose: An AF_PACKET socket was created: raw link-layer access used for sniffing and ARP spoofing.
SELECT 'Packet socket created in container' AS rule,
       'NOTICE' AS priority, 'container,network,mitre_credential_access,T1557.002' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors,
       action, syscall, family, protocol, remote_address, remote_port, local_address, local_port, status, time
FROM socket_events
WHERE syscall = 'socket' AND family = 17;
