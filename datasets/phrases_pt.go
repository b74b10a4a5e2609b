package datasets

var bookPT = phrasebook{
	dateLayout: "02/01/2006",
	names:      []string{"Beatriz", "João", "Mariana", "Pedro", "Inês", "Rafael"},
	streets:    []string{"Rua Augusta 120, 1100-053 Lisboa", "Avenida Paulista 1500, 01310-200 São Paulo", "Rua de Santa Catarina 45, 4000-447 Porto"},

	greetBot: []string{
		"Olá! 👋 Sou a Nora, a assistente virtual da {brand}. Como posso ajudar hoje?",
		"Bem-vindo ao apoio ao cliente da {brand}. Sou um assistente automático – qual é o seu pedido?",
	},
	greetAgent: []string{
		"Olá, o meu nome é {agent} e vou ajudá-lo hoje. Em que posso ajudar?",
		"Olá, está a falar com {agent}, do apoio ao cliente da {brand}. Como posso ajudar?",
	},
	takeover: []string{
		"Olá, aqui é {agent}, da equipa de apoio ao cliente. Li a sua conversa com o nosso assistente, por isso não precisa de repetir tudo.",
		"Olá, {agent} aqui. Obrigado por aguardar – vou analisar o seu caso agora.",
	},
	open: map[string][]string{
		"refund": {
			"Olá, devolvi um artigo há duas semanas e ainda não recebi o reembolso de {amount}. Encomenda {order}.",
			"Quando é que recebo o meu dinheiro de volta? Enviei a encomenda de volta no dia {date}.",
		},
		"delivery": {
			"Onde está a minha encomenda {order}? Devia ter chegado no dia {date}.",
			"A minha encomenda ainda não chegou e o rastreio não é atualizado há vários dias.",
		},
		"payment_failed": {
			"O meu pagamento de {amount} falha sempre no checkout, mas tenho saldo no cartão.",
			"Tentei pagar três vezes e aparece sempre \"pagamento recusado\". O que se passa?",
		},
		"account_access": {
			"Não consigo entrar na minha conta, diz que a palavra-passe está errada mesmo depois de a redefinir.",
			"O código de verificação nunca chega por SMS, por isso não consigo iniciar sessão.",
		},
		"cancel_subscription": {
			"Quero cancelar a minha assinatura {plan}, como faço?",
			"Por favor cancelem a minha assinatura, já não a uso.",
		},
		"invoice": {
			"Preciso de uma fatura do meu último pagamento de {amount}, com os dados da minha empresa.",
			"A fatura {invoice} tem o valor errado. Podem corrigi-la?",
		},
		"card_blocked": {
			"O meu cartão foi bloqueado quando estava a pagar numa loja. Porquê?",
			"O meu cartão deixou de funcionar de repente, diz que está bloqueado. Estou no estrangeiro neste momento!",
		},
		"fraud_report": {
			"Há um pagamento de {amount} na minha conta que eu não fiz. Acho que o meu cartão foi roubado.",
			"Vejo vários movimentos de ontem que não reconheço. Ajudem-me, por favor!",
		},
		"address_change": {
			"Mudei de casa e preciso de alterar a minha morada de entrega para {address}.",
			"Podem alterar a morada da encomenda {order} antes de ser enviada?",
		},
		"change_plan": {
			"Gostaria de passar do {plan} para um plano superior. Quanto custa?",
			"Posso mudar de plano a meio do mês ou tenho de esperar pelo próximo período de faturação?",
		},
		"complaint": {
			"Quero fazer uma reclamação. O estafeta deixou a encomenda lá fora à chuva e o conteúdo ficou todo estragado.",
			"Cobraram-me duas vezes a mesma encomenda {order} e ninguém responde aos meus e-mails.",
		},
	},
	ask: [4][]string{
		kindOrder:   {"Pode indicar-me o número da encomenda, por favor?", "Claro, vou verificar. Qual é o número da encomenda? Encontra-o no e-mail de confirmação."},
		kindInvoice: {"De que fatura se trata? Envie-me o número da fatura, por favor.", "Pode indicar-me o número da fatura e a data do pagamento?"},
		kindAccount: {"Para confirmar a sua identidade, qual é o e-mail registado na sua conta?", "Confirme, por favor, o e-mail associado à sua conta."},
		kindCard:    {"Pode indicar-me os últimos quatro dígitos do cartão em causa?", "De que cartão se trata e mais ou menos quando aconteceu?"},
	},
	detail: [4][]string{
		kindOrder:   {"É a {order}.", "Número da encomenda {order}, feita no dia {date}."},
		kindInvoice: {"Fatura {invoice}, o pagamento foi no dia {date}.", "É a {invoice}."},
		kindAccount: {"O meu e-mail é {email}.", "{email} – é o que uso sempre."},
		kindCard:    {"O cartão termina em {last4}, aconteceu hoje.", "É o meu cartão de débito terminado em {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"Verifiquei a encomenda {order}: a devolução foi registada no dia {date} e o reembolso de {amount} foi aprovado. Normalmente demora {days} dias úteis até o dinheiro aparecer na sua conta.",
			"O seu reembolso foi processado hoje. Dependendo do seu banco, pode demorar até {days} dias úteis até ver {amount} no extrato.",
		},
		"delivery": {
			"A sua encomenda {order} já saiu do nosso armazém e está com a transportadora. A entrega está prevista para daqui a {days} dias e vai receber um SMS no dia da entrega.",
			"A transportadora teve atrasos na sua zona. A encomenda deve chegar dentro de {days} dias úteis e pode acompanhá-la pelo link do e-mail de confirmação.",
		},
		"payment_failed": {
			"O pagamento foi recusado pela verificação 3-D Secure do seu banco, não por nós. Aprove o pagamento na aplicação do banco e tente novamente, ou escolha outro método de pagamento.",
			"Vejo várias tentativas falhadas. A causa mais comum é ter sido atingido o limite de compras online do cartão. Pode aumentá-lo na aplicação do banco e tentar de novo – o seu carrinho continua guardado.",
		},
		"account_access": {
			"Enviei um link para redefinir a palavra-passe para {email}. O link é válido durante 30 minutos; verifique também a pasta de spam.",
			"A sua conta estava bloqueada temporariamente depois de várias tentativas falhadas. Já a desbloqueei e pode voltar a entrar com uma nova palavra-passe.",
		},
		"cancel_subscription": {
			"A sua assinatura {plan} foi cancelada. Mantém o acesso até ao fim do período de faturação atual e não voltará a ser cobrado.",
			"Feito – o plano {plan} não será renovado. Vai receber uma confirmação por e-mail dentro de alguns minutos.",
		},
		"invoice": {
			"Criei uma fatura corrigida e enviei-a para o seu e-mail. Também pode descarregar todas as faturas em Conta > Pagamentos > Faturas.",
			"A fatura {invoice} foi reemitida com o valor correto de {amount}. A anterior deixou de ser válida.",
		},
		"card_blocked": {
			"O seu cartão foi bloqueado automaticamente pelo nosso sistema de segurança devido a um pagamento invulgar. Como já confirmou o pagamento, o cartão volta a ficar ativo dentro de alguns minutos.",
			"Por segurança, o cartão foi bloqueado depois de uma transação suspeita. Pode desbloqueá-lo na aplicação, em Cartão > Segurança, ou posso pedir um cartão novo para si.",
		},
		"fraud_report": {
			"Bloqueei o cartão de imediato para que não sejam feitos mais pagamentos. Também abri um processo de fraude com a referência {ref}; a nossa equipa vai contactá-lo dentro de {days} dias úteis sobre o reembolso.",
			"O cartão está agora bloqueado definitivamente, um cartão de substituição já vai a caminho e os pagamentos contestados de {amount} estão a ser investigados (processo {ref}).",
		},
		"address_change": {
			"Atualizei a sua morada para {address}. Todas as próximas encomendas serão enviadas para lá.",
			"A morada de entrega da encomenda {order} foi alterada para {address}, porque ainda não tinha sido enviada.",
		},
		"change_plan": {
			"Pode mudar para o Premium já; a diferença de preço para o resto do mês, {amount}, será cobrada proporcionalmente.",
			"O Plus inclui envio gratuito e o Premium acrescenta seguro de viagem e apoio prioritário. Pode mudar de plano a qualquer momento em Conta > Plano.",
		},
		"complaint": {
			"Lamento imenso. Registei a sua reclamação com a referência {ref} e pedi um reembolso de {amount}. Não precisa de devolver nada.",
			"Encaminhei a sua reclamação para a equipa responsável com a referência {ref}. Vai receber uma resposta por escrito dentro de {days} dias úteis.",
		},
	},
	empathy: []string{"Lamento muito o sucedido.", "Obrigado pela sua paciência.", "Compreendo, vou ajudá-lo com isso."},
	extra: []string{
		"Vai receber em breve uma confirmação por e-mail.",
		"Também pode ver o estado a qualquer momento na aplicação {brand}.",
		"Se tiver mais perguntas, responda simplesmente neste chat.",
		"Guarde a referência {ref} para futuros contactos.",
	},
	wait: []string{"Um momento, por favor, vou verificar.", "Deixe-me ver isso, demora um ou dois minutos."},
	calm: []string{
		"Compreendo perfeitamente a sua frustração e peço desculpa pelo incómodo.",
		"Lamento mesmo que isto tenha sido tão complicado. Vou ver o que posso fazer.",
	},
	acks: []string{"Ok.", "Entendo.", "Está bem."},
	qa: [][2]string{
		{"Quanto tempo demora?", "Normalmente {days} dias úteis, às vezes um pouco menos."},
		{"Vou receber uma confirmação por e-mail?", "Sim, assim que estiver concluído é enviada uma confirmação para o e-mail da sua conta."},
		{"Tem algum custo?", "Não, não há qualquer custo adicional."},
		{"Preciso de fazer mais alguma coisa?", "Não, da sua parte não é preciso mais nada."},
		{"Também consigo ver isto na aplicação?", "Sim, na aplicação, em Conta > Atividade, vai ver a alteração dentro de uma hora."},
		{"E se continuar sem funcionar?", "Nesse caso contacte-nos novamente e indique a referência {ref}, para retomarmos logo o assunto."},
		{"Isto afeta as minhas outras encomendas?", "Não, as suas outras encomendas não são afetadas."},
		{"Pode enviar-me isso por escrito?", "Claro, enviei-lhe um resumo desta conversa por e-mail."},
	},
	fallback: []string{
		"Desculpe, não percebi. Pode reformular a pergunta?",
		"Infelizmente não percebi. Pode perguntar-me sobre encomendas, pagamentos, cartões e a sua conta.",
	},
	notAnswered: []string{"Isso não responde à minha pergunta.", "Isso já li, a minha pergunta é outra.", "Não, não era isso que eu queria dizer."},
	askHuman: []string{
		"Posso falar com uma pessoa a sério, por favor?",
		"Quero falar com um assistente humano.",
		"Há alguma pessoa com quem possa falar?",
	},
	handover: []string{
		"Claro. Vou transferi-lo agora para um dos meus colegas do apoio ao cliente, mantenha-se no chat.",
		"Com certeza, vou ligá-lo a uma colega da nossa equipa de apoio.",
	},
	deflect: []string{
		"Posso ajudá-lo eu mesmo com isso! Pode contar-me um pouco mais sobre a sua questão?",
		"Os nossos assistentes estão todos ocupados, mas consigo responder à maioria das perguntas. Do que precisa?",
		"Posso responder-lhe aqui mesmo. O que gostaria de saber?",
	},
	selfEscalate: []string{
		"Isto tem de ser visto por um colega. Vou transferi-lo agora para a nossa equipa de apoio.",
		"Não consigo resolver isto sozinho no chat, por isso vou passá-lo a uma colega.",
	},
	passOn: []string{
		"Isto é tratado pela nossa equipa especializada, por isso vou transferi-lo para uma colega. Um momento, por favor.",
		"Vou passá-lo a um colega que trata exatamente deste tipo de casos.",
	},
	frustration: []string{
		"Isto é ridículo, ando há dias a tentar resolver isto!",
		"A sério?! Isto é tão frustrante 😡",
		"Vocês não servem para nada. Estou mesmo farto disto.",
	},
	repeatPrefix: []string{"Como eu disse: ", "Repito: "},
	thanks: []string{
		"Obrigado, ficou resolvido!",
		"Perfeito, agora já funciona. Muito obrigado! 🙏",
		"Ótimo, era tudo o que precisava, obrigado.",
	},
	welcome:    []string{"De nada! Tenha um bom dia.", "Fico contente por ter ajudado. Bom dia!"},
	giveUp:     []string{"Ok, tento mais tarde.", "Deixe estar, vou ligar.", "Obrigado na mesma, eu resolvo sozinho."},
	sorryClose: []string{"Lamento não ter conseguido resolver isto hoje. Pode contactar-nos novamente a qualquer momento.", "Lamento não ter podido ajudar mais. Tenha um bom dia."},
	stillThere: []string{"Olá? Está aí alguém?", "Ainda está aí?"},
	giveCard:   []string{"Aqui está o número completo do cartão: {card}", "O número do meu cartão é {card}, validade 08/28."},
	giveIBAN:   []string{"O meu IBAN é {iban}, se precisarem para o reembolso.", "Por favor transfiram o dinheiro para {iban}."},
	echoCard:   []string{"Obrigado. Vejo que o cartão {card} foi usado neste pagamento.", "Verifiquei o cartão {card}: está registado na sua conta."},
	echoIBAN:   []string{"Obrigado, o reembolso será enviado para {iban}.", "Registado: a conta {iban} será usada para a transferência."},
	maskCard:   []string{"Obrigado, encontrei o cartão terminado em {last4}.", "Por segurança, só refiro os últimos dígitos, {last4}. Já encontrei o cartão."},
	maskIBAN:   []string{"Obrigado, o reembolso vai para a conta terminada em {ibanLast4}.", "Registado: vamos transferir o dinheiro para a sua conta terminada em {ibanLast4}."},
	privacy: []string{
		"Atenção: esta conversa é gravada para fins de qualidade. Nunca partilhe aqui o número completo do cartão, o PIN ou a palavra-passe.",
		"Para sua segurança, não envie números de cartão nem palavras-passe nesta conversa.",
	},
	reasons: []string{
		"É bastante urgente para mim.",
		"Vou viajar na próxima semana e preciso disto resolvido antes.",
		"Já procurei na aplicação, mas não encontrei nada.",
		"Sou cliente há anos e isto nunca me tinha acontecido.",
		"Já agora, a minha mulher teve o mesmo problema no mês passado.",
	},
	helpful: []string{"Esta resposta foi útil? 👍 / 👎", "Respondi à sua pergunta? Responda <b>sim</b> ou <b>não</b>."},
	notes: []string{
		"Também deixei uma nota na sua conta para que os meus colegas vejam o que combinámos.",
		"Diga-me se alguma coisa não ficou clara, explico-lhe outra vez com todo o gosto.",
		"Isto aplica-se a todas as contas {brand}, seja qual for o seu plano.",
		"Confirmei isto duas vezes no nosso sistema, por isso pode ficar descansado.",
	},
}
