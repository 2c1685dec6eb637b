-- Rule: PTRACE attached to process
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, process, mitre_privilege_escalation, T1055.008
-- Purpose: A process attached to, seized, or wrote into another process with ptrace (PTRACE_ATTACH, SEIZE, POKETEXT, POKEDATA, SETREGS): code injection.
SELECT 'PTRACE attached to process' AS rule,
       'WARNING' AS priority, 'container,process,mitre_privilege_escalation,T1055.008' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time, detail, status, result
FROM process_events
WHERE syscall = 'ptrace'
  AND name IS NOT NULL
  -- detail is 'request=<n> pid=<p>' (or the symbolic request name): 4 POKETEXT, 5 POKEDATA, 13 SETREGS, 16 ATTACH, 0x4206 SEIZE.
  AND (detail LIKE 'request=4 %' OR detail LIKE 'request=5 %' OR detail LIKE 'request=13 %' OR detail LIKE 'request=16 %'
       OR detail LIKE 'request=16902 %' OR detail LIKE '%PTRACE_ATTACH%' OR detail LIKE '%PTRACE_SEIZE%'
       OR detail LIKE '%PTRACE_POKETEXT%' OR detail LIKE '%PTRACE_POKEDATA%' OR detail LIKE '%PTRACE_SETREGS%');
