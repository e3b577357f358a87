package org.openyjs.cases.personaldata;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Seals a {@link SealedOnDispatch} command into the real one before the command bus routes it. */
@Configuration
public class SealingConfiguration {

    @Bean
    public ConfigurerModule sealPersonalDataOnDispatch(PersonalDataSealer sealer) {
        MessageDispatchInterceptor<CommandMessage<?>> seal = messages -> (index, command) ->
                command.getPayload() instanceof SealedOnDispatch clear
                        ? GenericCommandMessage.asCommandMessage(clear.seal(sealer)).andMetaData(command.getMetaData())
                        : command;
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INSTRUCTION_COMPONENTS + 1,
                () -> config.commandBus().registerDispatchInterceptor(seal)));
    }
}
