def log = new File(basedir, 'build.log').text
assert log.contains('turnpike-codegen: API "broken": the document cannot be generated from: $ref #/components/schemas/Missing')
