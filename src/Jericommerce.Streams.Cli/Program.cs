using Jericommerce.Streams.Cli;

return await JcsApp.RunAsync(args);
