def log = new File(basedir, 'build.log').text
assert log.contains('turnpike-codegen: apiKey: none (expected: property turnpike.apiKey, a server "no-such-server" in settings.xml')
