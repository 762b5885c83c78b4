// Validates Kubernetes objects against the Kubernetes, KEDA and Prometheus Operator schemas, without a cluster.
//
//   node validate.mjs check FILE...|-       every object of the YAML files (or stdin): prints {"objects":[...],"errors":[...]}
//                                          as JSON and exits 1 when an object is invalid
//   node validate.mjs json FILE             a YAML file as JSON (the tests read alerts.yml with it)
//   node validate.mjs prometheusrule FILE   a Prometheus rule file wrapped in a PrometheusRule (make k8s-sync)
//
// The schemas are those of the npm packages kubernetes-models (the Kubernetes API), @kubernetes-models/keda and
// @kubernetes-models/prometheus-operator (their CRDs), compiled to ajv validators by their authors. They check types,
// required fields, enums and formats but, like the Kubernetes OpenAPI they come from, say nothing about unknown
// fields; the API server would drop a misspelt field silently. So the objects are handed to the validators through a
// proxy that records which fields each validator looked at: a field of an object whose validator read its fields one
// by one, and never that one, is reported as unknown. Maps (labels, ConfigMap data, KEDA trigger metadata) are
// enumerated by their validators and free-form objects are not looked into, so neither is reported.
import { readFileSync } from 'node:fs';
import { parseAllDocuments, parse, stringify } from 'yaml';

const modules = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1': 'kubernetes-models/rbac.authorization.k8s.io/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

function readText(file) {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

function loadObjects(files) {
  const objects = [];
  const errors = [];
  for (const file of files) {
    for (const document of parseAllDocuments(readText(file))) {
      if (document.errors.length > 0) {
        errors.push(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
        continue;
      }
      const value = document.toJS();
      if (value !== null && value !== undefined) {
        objects.push(value);
      }
    }
  }
  return { objects, errors };
}

// Wraps value so that every field read and every enumeration is recorded in seen.
function track(value, path, seen) {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const info = { path, value, read: new Set(), enumerated: false };
  seen.push(info);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') {
        return child;
      }
      info.read.add(key);
      if (child === null || typeof child !== 'object') {
        return child;
      }
      if (!children.has(key)) {
        children.set(key, track(child, `${path}/${key}`, seen));
      }
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === 'string') {
        info.read.add(key);
      }
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      info.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(seen) {
  const unknown = [];
  for (const { path, value, read, enumerated } of seen) {
    if (Array.isArray(value) || enumerated || read.size === 0) {
      continue;
    }
    for (const key of Object.keys(value)) {
      if (!read.has(key)) {
        unknown.push(`${path}/${key}`);
      }
    }
  }
  return unknown;
}

async function validate(object) {
  const name = `${object?.kind ?? '<no kind>'}/${object?.metadata?.name ?? '<no name>'}`;
  const modulePath = modules[object?.apiVersion];
  if (!modulePath) {
    return [`${name}: apiVersion '${object?.apiVersion}' is not one this validator has schemas for`];
  }
  const model = (await import(modulePath))[object.kind];
  if (typeof model !== 'function' || model.kind !== object.kind) {
    return [`${name}: kind '${object.kind}' is not in ${object.apiVersion}`];
  }
  const errors = [];
  if (typeof object.metadata?.name !== 'string' || object.metadata.name.length === 0) {
    errors.push(`${name}: metadata.name is missing`);
  }
  const seen = [];
  try {
    model.prototype.validate.call(track(object, '', seen));
  } catch (error) {
    const details = Array.isArray(error.errors)
      ? error.errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params ? ' ' + JSON.stringify(e.params) : ''}`)
      : [error.message];
    errors.push(...details.map((d) => `${name}: ${d}`));
  }
  errors.push(...unknownFields(seen).map((path) => `${name}: ${path} is not a field of ${object.apiVersion} ${object.kind}`));
  return errors;
}

const [command, ...files] = process.argv.slice(2);
if (command === 'check' && files.length > 0) {
  const { objects, errors } = loadObjects(files);
  for (const object of objects) {
    errors.push(...(await validate(object)));
  }
  process.stdout.write(JSON.stringify({ objects, errors }) + '\n');
  for (const error of errors) {
    process.stderr.write(error + '\n');
  }
  process.exitCode = errors.length === 0 ? 0 : 1;
} else if (command === 'json' && files.length === 1) {
  process.stdout.write(JSON.stringify(parse(readText(files[0]))) + '\n');
} else if (command === 'prometheusrule' && files.length === 1) {
  const rules = parse(readText(files[0]));
  const rule = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'jericommerce-streams' },
    spec: { groups: rules.groups },
  };
  process.stdout.write(
    `# GENERATED by \`make k8s-sync\` from ${files[0]}: edit that file, not this one. The tests fail when the two differ.\n` +
      stringify(rule, { lineWidth: 0 }),
  );
} else {
  process.stderr.write('usage: validate.mjs check FILE...|- | json FILE | prometheusrule FILE\n');
  process.exitCode = 2;
}
