-- Rule: Run shell untrusted
-- Source: falco_rules.yaml (stable)
-- Priority: NOTICE
-- Tags: host, container, process, shell, mitre_execution, T1059.004
-- Purpose: A shell was started below a server process (web, database, NoSQL, mail and other daemons that should never spawn one): the usual sign of remote code execution.
SELECT 'Run shell untrusted' AS rule, 'NOTICE' AS priority, 'container,process,shell,mitre_execution,T1059.004' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash')
  AND parent_name IS NOT NULL
  AND (' ' || ancestors || ' ' LIKE '% nginx %' OR ' ' || ancestors || ' ' LIKE '% httpd %' OR ' ' || ancestors || ' ' LIKE '% httpd-foregroun %' OR ' ' || ancestors || ' ' LIKE '% lighttpd %' OR ' ' || ancestors || ' ' LIKE '% apache %' OR ' ' || ancestors || ' ' LIKE '% apache2 %' OR ' ' || ancestors || ' ' LIKE '% mysqld %' OR ' ' || ancestors || ' ' LIKE '% postgres %' OR ' ' || ancestors || ' ' LIKE '% sqlplus %' OR ' ' || ancestors || ' ' LIKE '% couchdb %' OR ' ' || ancestors || ' ' LIKE '% memcached %' OR ' ' || ancestors || ' ' LIKE '% redis-server %' OR ' ' || ancestors || ' ' LIKE '% rabbitmq-server %' OR ' ' || ancestors || ' ' LIKE '% mongod %' OR ' ' || ancestors || ' ' LIKE '% sendmail %' OR ' ' || ancestors || ' ' LIKE '% sendmail-msp %' OR ' ' || ancestors || ' ' LIKE '% postfix %' OR ' ' || ancestors || ' ' LIKE '% procmail %' OR ' ' || ancestors || ' ' LIKE '% exim4 %' OR ' ' || ancestors || ' ' LIKE '% pickup %' OR ' ' || ancestors || ' ' LIKE '% showq %' OR ' ' || ancestors || ' ' LIKE '% mailq %' OR ' ' || ancestors || ' ' LIKE '% dovecot %' OR ' ' || ancestors || ' ' LIKE '% imap-login %' OR ' ' || ancestors || ' ' LIKE '% imap %' OR ' ' || ancestors || ' ' LIKE '% mailmng-core %' OR ' ' || ancestors || ' ' LIKE '% pop3-login %' OR ' ' || ancestors || ' ' LIKE '% dovecot-lda %' OR ' ' || ancestors || ' ' LIKE '% pop3 %' OR ' ' || ancestors || ' ' LIKE '% fluentd %' OR ' ' || ancestors || ' ' LIKE '% flanneld %' OR ' ' || ancestors || ' ' LIKE '% splunkd %' OR ' ' || ancestors || ' ' LIKE '% consul %' OR ' ' || ancestors || ' ' LIKE '% smbd %' OR ' ' || ancestors || ' ' LIKE '% runsv %' OR ' ' || ancestors || ' ' LIKE '% PM2 %')
  AND parent_name NOT IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash', 'gitlab-shell', 'gitlab-mon', 'gitlab-runner-b', 'git', 'cron', 'crond', 'anacron',
                          'PM2', 'PassengerWatchd', 'c_rehash', 'svlogd', 'logrotate', 'hhvm', 'serf', 'runsv', 'erlexec')
  AND cmdline NOT IN ('sh -c uname -p 2> /dev/null', 'sh -c uname -s 2>&1', 'sh -c uname -r 2>&1', 'sh -c uname -v 2>&1',
                      'sh -c uname -a 2>&1', 'sh -c ruby -v 2>&1', 'sh -c getconf CLK_TCK', 'sh -c getconf PAGESIZE',
                      'bash -c id -Gn;id -Gn', 'sh -c /bin/sh -c ''date +%%s''', 'sh -c /usr/share/lighttpd/create-mime.conf.pl',
                      'sh -c node index.js', 'sh -c node index', 'sh -c node ./src/start.js', 'sh -c node src/start.js',
                      'sh -c node -e "require(''nan'')"', 'sh -c node -e "require(''nan'')")', 'sh -c node $NODE_DEBUG_OPTION index.js');
