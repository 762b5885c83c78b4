using Jericommerce.Streams.Ingress;

var builder = WebApplication.CreateBuilder(args);
builder.AddIngress();

var app = builder.Build();
app.MapIngress();
app.Run();

/// <summary>The entry point; public so that tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
