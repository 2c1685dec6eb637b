-- Rule: Known Cryptominer Process Executed
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: CRITICAL
-- Tags: host, container, process, mitre_impact, T1496
-- Purpose: A well-known cryptocurrency miner (xmrig, minerd, ethminer, ...) was started.
SELECT 'Known Cryptominer Process Executed' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_impact,T1496' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('xmrig', 'xmr-stak', 'minerd', 'minergate', 'cpuminer', 'ccminer', 'ethminer', 'cgminer', 'bfgminer', 'sgminer',
               'claymore', 'nbminer', 't-rex', 'gminer', 'lolminer', 'phoenixminer', 'teamredminer', 'nanominer', 'bminer',
               'wildrig', 'srbminer');
