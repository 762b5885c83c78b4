using Jericommerce.Streams.Worker;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddWorker();
var app = builder.Build();
app.MapWorker();
app.Run();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
