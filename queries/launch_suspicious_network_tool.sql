-- Rule: Launch Suspicious Network Tool in Container
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: container, network, process, mitre_execution, T1059
-- Purpose: A network reconnaissance or tunnelling tool (nc, nmap, tcpdump, socat, ...) was started in the container.
SELECT 'Launch Suspicious Network Tool in Container' AS rule,
       'NOTICE' AS priority, 'container,network,process,mitre_execution,T1059' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('nc', 'ncat', 'netcat', 'nmap', 'dig', 'tcpdump', 'tshark', 'ngrep', 'telnet', 'mitmproxy', 'socat', 'zmap');
