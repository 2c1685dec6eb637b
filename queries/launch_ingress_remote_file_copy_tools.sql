-- Rule: Launch Ingress Remote File Copy Tools in Container
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: container, network, process, mitre_command_and_control, TA0011
-- Purpose: wget, or curl writing to a file, was started: a tool is downloading a payload into the container.
SELECT 'Launch Ingress Remote File Copy Tools in Container' AS rule,
       'NOTICE' AS priority, 'container,network,process,mitre_command_and_control,TA0011' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND (name = 'wget'
       OR (name = 'curl' AND (cmdline LIKE '% -o%' OR cmdline LIKE '%--output%' OR cmdline LIKE '% -O%' OR cmdline LIKE '%--remote-name%')));
