using Jericommerce.Streams.DevBroker;

return await DevBrokerCommand.Create().Parse(args).InvokeAsync();
