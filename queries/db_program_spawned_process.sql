-- Rule: DB program spawned process
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, process, database, mitre_execution, T1190
-- Purpose: A database server (mysqld, postgres, sqlplus) started another program: SQL injection reaching the shell, or a malicious UDF.
SELECT 'DB program spawned process' AS rule,
       'NOTICE' AS priority, 'container,process,database,mitre_execution,T1190' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND parent_name IN ('mysqld', 'postgres', 'sqlplus')
  AND name NOT IN ('mysqld', 'postgres', 'sqlplus', 'wal-e');
