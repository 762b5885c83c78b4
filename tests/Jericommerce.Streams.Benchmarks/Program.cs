using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Jericommerce.Streams.Benchmarks;

// The switcher lets one executable host every benchmark class: pick with --filter, list with --list flat.
// (Not typeof(Program): the ingress and the worker, referenced for their internals, each have a Program too.)
// Wide enough a parameter column that slugs are not cut to "walle(...)alled".
var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
BenchmarkSwitcher.FromAssembly(typeof(HotPathSuite).Assembly).Run(args, config);
