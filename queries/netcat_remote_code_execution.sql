-- Rule: Netcat Remote Code Execution in Container
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: container, network, process, mitre_execution, T1059
-- Purpose: netcat was started with an option that runs a program on the connection (nc -e/-c, ncat --exec/--sh-exec/--lua-exec): a remote shell.
SELECT 'Netcat Remote Code Execution in Container' AS rule,
       'WARNING' AS priority, 'container,network,process,mitre_execution,T1059' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND ((name = 'nc' AND (cmdline LIKE '% -e%' OR cmdline LIKE '% -c%'))
       OR (name = 'ncat' AND (cmdline LIKE '%--sh-exec%' OR cmdline LIKE '%--exec%' OR cmdline LIKE '% -e%'
                              OR cmdline LIKE '% -c %' OR cmdline LIKE '%--lua-exec%')));
