using Crm.Cli;

return RulesCommand.Run(args, Console.Out, Console.Error);
