-- Rule: Read cloud credential files
-- Source: FarQuery's own rule (cloud CLI credential files; Falco has no stable counterpart)
-- Priority: WARNING
-- Tags: container, filesystem, aws, mitre_credential_access, T1552.001
-- Purpose: A cloud or cluster credential file (~/.aws/credentials or config, ~/.config/gcloud/*, ~/.azure/*, ~/.docker/config.json, ~/.kube/config) was opened for reading by a program other than the cloud and container CLIs; detected by default (inotify watches on /root, every home below /home and the agent's $HOME, docs/tracer.md §5).
SELECT 'Read cloud credential files' AS rule,
       'WARNING' AS priority, 'container,filesystem,aws,mitre_credential_access,T1552.001' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.path_raw, f.flags, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'open' AND f.status = 'succeeded'
  AND substr(f.flags, -1, 1) IN ('0', '2', '4', '6')
  AND (f.path GLOB '*/.aws/credentials' OR f.path GLOB '*/.aws/config' OR f.path GLOB '*/.config/gcloud/*'
       OR f.path GLOB '*/.azure/*' OR f.path GLOB '*/.docker/config.json' OR f.path GLOB '*/.kube/config')
  -- The tools that own these files. An SDK inside the app reads them too: such an app needs its own copy of this query
  -- with its name added here.
  AND coalesce(f.name, '') NOT IN ('aws', 'aws_completer', 'gcloud', 'gsutil', 'bq', 'az', 'docker', 'dockerd',
                                   'containerd', 'kubectl', 'helm', 'k9s', 'eksctl', 'terraform', 'ecs-cli', 'copilot')
  AND coalesce(f.name, '') NOT GLOB 'docker-credential-*';
